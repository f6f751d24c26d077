"""Classes (cohorts): instructors run them, students join them with a code."""

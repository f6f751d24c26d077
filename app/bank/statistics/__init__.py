"""Item statistics of the bank's questions in classes' tests, as Moodle's quiz report has them."""

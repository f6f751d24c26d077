"""Loading the shipped curriculum (lesson and bank files) into the database."""

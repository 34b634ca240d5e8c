"""Reading exports and writing the review's files."""

"""One module per kind of question; each yields Drafts for one section."""

"""Evidence stores: files kept outside the repository, proved by signed attestations."""

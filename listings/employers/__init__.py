"""Employers: the public directory and the company profile an employer keeps."""

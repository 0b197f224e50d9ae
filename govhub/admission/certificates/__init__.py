"""Certificates (出具证明): the certificates a community issues, only those on its street's list."""

"""Signatures made and checked by OpenSSH's ``ssh-keygen -Y``: no cryptography of our own."""

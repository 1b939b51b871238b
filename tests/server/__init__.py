"""Tests of the review workbench (jixiao serve)."""

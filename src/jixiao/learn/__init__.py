"""Labelled corpora and evaluation of the checks against them."""

"""The advising engine: plain functions over plain data, with no Django imports."""

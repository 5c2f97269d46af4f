# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Contains methods for accessing the API"""

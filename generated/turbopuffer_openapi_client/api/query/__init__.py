# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Contains endpoint functions for accessing the API"""

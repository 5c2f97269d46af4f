"""Namespace schemas: attribute types, index options, inference from written data and schema changes."""

from .model import AttributeSchema, AttributeType, FullTextConfig, Schema

__all__ = ["AttributeSchema", "AttributeType", "FullTextConfig", "Schema"]

"""Renderers: each turns a query's result into text for stdout; none computes anything."""

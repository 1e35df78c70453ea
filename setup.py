"""The C part of the writers (osce_kg/_native.c), optional: without a C compiler the install goes on and
the same functions run in Python. Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("osce_kg._native", ["osce_kg/_native.c"], optional=True,
                             extra_compile_args=["-O2"])])

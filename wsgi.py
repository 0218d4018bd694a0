"""The WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

from calendar_app import create_app

app = create_app()

"""Flask extensions, created once and bound to the app in the factory."""

from flask import Flask, current_app
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from werkzeug.security import generate_password_hash

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


class PasswordHasher:
    """Hashes passwords with the method the configuration names (``PASSWORD_HASH_METHOD``).

    Production uses werkzeug's default (scrypt); the tests set a cheap method so that
    logging in a test user does not cost a real key derivation each time.
    """

    def init_app(self, app: Flask) -> None:
        """Remember the app's method."""
        app.extensions["password_hash_method"] = app.config["PASSWORD_HASH_METHOD"]

    @property
    def method(self) -> str:
        """The current app's hashing method."""
        return str(current_app.extensions["password_hash_method"])

    def hash(self, password: str) -> str:
        """A salted hash of ``password``."""
        return generate_password_hash(password, method=self.method)


passwords = PasswordHasher()

"""Migration operations of our own. Django's loader skips `_`-prefixed modules, so this is
not a migration; it imports nothing from the apps, so migrations stay frozen in time.
"""

from django.db.migrations.operations.base import Operation, OperationCategory


class VendorSQL(Operation):
    """SQL for one database vendor only; on any other database it does nothing.

    Unlike SQL run from RunPython, `manage.py sqlmigrate` prints these statements when the
    current database is of `vendor`, and `-- (no-op)` otherwise. The statements change no
    model state. Pass `atomic=False` for statements PostgreSQL refuses inside a transaction
    (`CREATE INDEX CONCURRENTLY`); the migration must then be `atomic = False` too.
    """

    category = OperationCategory.SQL
    reduces_to_sql = True

    def __init__(self, *, vendor, sql, reverse_sql=None, atomic=True):
        self.vendor = vendor
        self.sql = list(sql)
        self.reverse_sql = None if reverse_sql is None else list(reverse_sql)
        self.atomic = atomic

    @property
    def reversible(self):
        return self.reverse_sql is not None

    def deconstruct(self):
        kwargs = {"vendor": self.vendor, "sql": self.sql}
        if self.reverse_sql is not None:
            kwargs["reverse_sql"] = self.reverse_sql
        if self.atomic is not True:
            kwargs["atomic"] = self.atomic
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(schema_editor, self.sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.reverse_sql is None:
            raise NotImplementedError(f"You cannot reverse this {self.vendor} SQL.")
        self._run(schema_editor, self.reverse_sql)

    def _run(self, schema_editor, statements):
        if schema_editor.connection.vendor != self.vendor:
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    def describe(self):
        count = len(self.sql)
        return f"Raw SQL for {self.vendor} only ({count} statement{'' if count == 1 else 's'})"

    @property
    def migration_name_fragment(self):
        return f"{self.vendor}_sql"

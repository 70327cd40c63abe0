"""Data exchange: one registry of import/export schemas (``registry``), the guarded reader
(``xlsxguard`` → ``child`` → ``reader``), the import runner and the Excel writer. This
package's ``__init__`` imports nothing, so the reading child process can import from the
package without setting Django up."""

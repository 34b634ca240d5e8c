"""The store: one module per review file, each that file's only reader and only writer.

Stages read and write review files only through here (`records`, `clusters`, `decisions`,
`inclusion`, `prisma`, `search_log`, `lock`, `screen_state`, `fulltext`, and `protocol_file`
for what a command appends to review.toml), plus two views over several files (`units`: what
is screened; `flow`: what the PRISMA flow is computed from). A stage's writes go through one
`transaction.Transaction` and commit as a unit; `locking` keeps one writer at a time.
ARCHITECTURE.md has the table of which file is read where.
"""

(import_declaration (scoped_identifier) @_path) @import

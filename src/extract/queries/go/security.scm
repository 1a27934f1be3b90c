; exec.Command("sh", ...) and exec.CommandContext(ctx, "bash", ...).
(call_expression
  function: (selector_expression
    operand: (identifier) @_package
    field: (field_identifier) @_function)
  arguments: (argument_list . (interpreted_string_literal) @_program)
  (#eq? @_package "exec")
  (#eq? @_function "Command")
  (#match? @_program "^\"(/bin/|/usr/bin/)?(sh|bash|zsh|dash)\"$")) @shell_command
(call_expression
  function: (selector_expression
    operand: (identifier) @_package
    field: (field_identifier) @_function)
  arguments: (argument_list . (_) . (interpreted_string_literal) @_program)
  (#eq? @_package "exec")
  (#eq? @_function "CommandContext")
  (#match? @_program "^\"(/bin/|/usr/bin/)?(sh|bash|zsh|dash)\"$")) @shell_command

; db.Query / QueryRow / Exec / Prepare (and *Context): the code checks how the SQL is built.
(call_expression
  function: (selector_expression field: (field_identifier) @_method)
  (#match? @_method "^(Query|QueryRow|Exec|Prepare)(Context)?$")) @sql_call

; String literals bound to a name: the code pairs names with values.
(const_spec value: (expression_list [(interpreted_string_literal) (raw_string_literal)])) @secret_constant
(var_spec value: (expression_list [(interpreted_string_literal) (raw_string_literal)])) @secret_variable
(short_var_declaration right: (expression_list [(interpreted_string_literal) (raw_string_literal)])) @secret_variable
(assignment_statement right: (expression_list [(interpreted_string_literal) (raw_string_literal)])) @secret_assignment
(keyed_element
  key: (literal_element (identifier) @_name)
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @_value)) @secret_field

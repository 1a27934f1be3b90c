(unsafe_block) @unsafe_block
(function_item (function_modifiers "unsafe")) @unsafe_fn

; Command::new("sh") / std::process::Command::new("bash")
(call_expression
  function: (scoped_identifier name: (identifier) @_new) @_callee
  arguments: (arguments . (string_literal) @_program)
  (#eq? @_new "new")
  (#match? @_callee "(^|::)Command::new$")
  (#match? @_program "^\"(/bin/|/usr/bin/)?(sh|bash|zsh|dash)\"$")) @shell_command

; String literals bound to a name, also as "...".to_string() / String::from("...").
(let_declaration pattern: (identifier) @_name value: [(string_literal) (raw_string_literal)] @_value) @secret_variable
(let_declaration
  pattern: (identifier) @_name
  value: (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @_value))) @secret_variable
(let_declaration
  pattern: (identifier) @_name
  value: (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @_value .))) @secret_variable
(const_item name: (identifier) @_name value: [(string_literal) (raw_string_literal)] @_value) @secret_constant
(static_item name: (identifier) @_name value: [(string_literal) (raw_string_literal)] @_value) @secret_constant
(field_initializer field: (field_identifier) @_name value: [(string_literal) (raw_string_literal)] @_value) @secret_field
(field_initializer
  field: (field_identifier) @_name
  value: (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @_value))) @secret_field
(field_initializer
  field: (field_identifier) @_name
  value: (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @_value .))) @secret_field

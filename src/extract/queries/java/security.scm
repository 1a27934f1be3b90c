; Runtime.getRuntime().exec(...)
(method_invocation
  object: (method_invocation
    object: (identifier) @_runtime
    name: (identifier) @_get)
  name: (identifier) @_exec
  (#eq? @_runtime "Runtime")
  (#eq? @_get "getRuntime")
  (#eq? @_exec "exec")) @runtime_exec

; new ProcessBuilder("sh", "-c", ...)
(object_creation_expression
  type: (type_identifier) @_type
  arguments: (argument_list . (string_literal) @_program)
  (#eq? @_type "ProcessBuilder")
  (#match? @_program "^\"(/bin/|/usr/bin/)?(sh|bash|zsh|cmd|cmd\\.exe|powershell)\"$")) @process_builder_shell

; new ObjectInputStream(...) and readObject()
(object_creation_expression type: (type_identifier) @_type (#eq? @_type "ObjectInputStream")) @object_input_stream
(method_invocation name: (identifier) @_name (#eq? @_name "readObject")) @read_object

; statement.executeQuery("SELECT ... " + id): the code checks the concatenation.
(method_invocation
  name: (identifier) @_method
  arguments: (argument_list . (binary_expression) @_query)
  (#match? @_method "^(execute|executeQuery|executeUpdate|executeLargeUpdate|addBatch|prepareStatement|prepareCall)$")) @sql_concat

; String literals bound to a name.
(variable_declarator name: (identifier) @_name value: (string_literal) @_value) @secret_variable
(assignment_expression
  left: [(identifier) @_name (field_access field: (identifier) @_name)]
  right: (string_literal) @_value) @secret_assignment

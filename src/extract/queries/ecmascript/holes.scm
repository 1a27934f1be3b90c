; Typed holes: TODO/FIXME comments and throws whose message says the code is not written yet.

(comment) @comment

(throw_statement
  (new_expression
    arguments: (arguments . [(string) (template_string)] @_message))) @not_implemented

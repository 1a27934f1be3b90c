; fn ... -> Result<...> (also io::Result<T>, anyhow::Result<T>, fmt::Result).
(function_item
  return_type: (generic_type type: [(type_identifier) (scoped_type_identifier)] @_type)
  (#match? @_type "(^|::)Result$")) @result_return
(function_item
  return_type: [(type_identifier) (scoped_type_identifier)] @_type
  (#match? @_type "(^|::)Result$")) @result_return

; `expr?` propagates; .unwrap() / .expect(...) do not.
(try_expression) @question_mark
(call_expression
  function: (field_expression field: (field_identifier) @_method)
  (#any-of? @_method "unwrap" "expect")) @unwrap

; #[derive(..., Error)] (thiserror and the like): the code finds the item it is on.
(attribute_item
  (attribute
    (identifier) @_attribute
    arguments: (token_tree (identifier) @_derived))
  (#eq? @_attribute "derive")
  (#eq? @_derived "Error")) @derive_error

; impl std::error::Error for X
(impl_item
  trait: [(type_identifier) (scoped_type_identifier)] @_trait
  type: (_) @_type
  (#match? @_trait "(^|::)Error$")) @error_impl

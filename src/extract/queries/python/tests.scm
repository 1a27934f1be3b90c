; Test functions and methods named test*; whether they are tests (module level, Test* class,
; TestCase subclass) is decided in code.
(function_definition name: (identifier) @test.name (#match? @test.name "^test")) @test

; unittest.TestCase subclasses (also IsolatedAsyncioTestCase, django's TestCase, ...).
(class_definition
  name: (identifier) @test_case.name
  superclasses: (argument_list
    [(identifier) @test_case.base
     (attribute attribute: (identifier) @test_case.base)])
  (#match? @test_case.base "TestCase$")) @test_case

(assert_statement) @assert

(call
  function: (attribute object: (identifier) @self_assert.object attribute: (identifier) @self_assert.method)
  (#eq? @self_assert.object "self")
  (#match? @self_assert.method "^assert")) @self_assert

(call
  function: (attribute object: (identifier) @pytest_raises.module attribute: (identifier) @pytest_raises.function)
  (#eq? @pytest_raises.module "pytest")
  (#eq? @pytest_raises.function "raises")) @pytest_raises

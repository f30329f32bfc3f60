# Tests of `kubetab serve` (native only): the real kubectl v1.32 against the sandbox's
# HTTP API, and unit tests of the HTTP layer (request paths, protobuf bodies, tables
# as JSON). Included from the top-level CMakeLists after the `kubetab` target.
if(EMSCRIPTEN)
  return()
endif()

# native/http without main(): the HTTP layer's unit tests link it directly.
file(GLOB KT_SERVE_HTTP_SOURCES CONFIGURE_DEPENDS native/http/*.cpp)
file(GLOB KT_SERVE_TEST_SOURCES CONFIGURE_DEPENDS tests/kubectl/*_test.cpp)
if(KT_SERVE_TEST_SOURCES)
  add_executable(kt_serve_tests ${KT_SERVE_TEST_SOURCES} ${KT_SERVE_HTTP_SOURCES} tests/unit/main.cpp)
  target_link_libraries(kt_serve_tests PRIVATE ktcore kt_catch2 Threads::Threads)
  target_compile_features(kt_serve_tests PRIVATE cxx_std_20)
  add_test(NAME serve_unit COMMAND kt_serve_tests)
endif()

# The real kubectl (a dispatcher that runs the kubectl matching the server's minor).
find_program(KT_REAL_KUBECTL kubectl PATHS /usr/bin NO_DEFAULT_PATH)
if(KT_REAL_KUBECTL)
  add_test(NAME real_kubectl
           COMMAND ${CMAKE_SOURCE_DIR}/tests/kubectl/run.sh $<TARGET_FILE:kubetab> ${KT_REAL_KUBECTL})
  set_tests_properties(real_kubectl PROPERTIES TIMEOUT 600)
  # The terminal's kubectl against the real one, line by line (tests/kubectl/diff_corpus.txt).
  # The last argument is the number of lines that must be identical: raise it as gaps close.
  add_test(NAME kubectl_diff
           COMMAND ${CMAKE_SOURCE_DIR}/tests/kubectl/diff.sh $<TARGET_FILE:kubetab> ${KT_REAL_KUBECTL}
                   ${CMAKE_SOURCE_DIR}/tests/kubectl/diff_corpus.txt 1213)
  set_tests_properties(kubectl_diff PROPERTIES TIMEOUT 900)
else()
  message(WARNING "kubectl not found in /usr/bin: the real_kubectl differential test is NOT registered")
endif()

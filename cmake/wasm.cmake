# WebAssembly dependencies. Never -I/usr/include with em++ (it shadows the wasm libc):
# header-only libraries are reached through a folder of symlinks in the build tree.
set(KT_WASM_FLAGS -fwasm-exceptions)
add_compile_options(${KT_WASM_FLAGS})
add_link_options(${KT_WASM_FLAGS} -sALLOW_MEMORY_GROWTH=1)

set(KT_HEADER_LINKS "${CMAKE_BINARY_DIR}/header_links")
file(MAKE_DIRECTORY "${KT_HEADER_LINKS}")
foreach(dir nlohmann catch2)
  if(NOT EXISTS "${KT_HEADER_LINKS}/${dir}")
    file(CREATE_LINK "/usr/include/${dir}" "${KT_HEADER_LINKS}/${dir}" SYMBOLIC)
  endif()
endforeach()

# yaml-cpp 0.7 from its Debian source package, built with em++.
set(KT_YAML_SRC "${KT_THIRD_PARTY_SRC}/yaml-cpp")
if(NOT EXISTS "${KT_YAML_SRC}/src")
  message(FATAL_ERROR "yaml-cpp sources missing in ${KT_YAML_SRC}: run scripts/install-deps.sh sources")
endif()
file(GLOB KT_YAML_SOURCES "${KT_YAML_SRC}/src/*.cpp")
add_library(kt_yaml STATIC ${KT_YAML_SOURCES})
target_include_directories(kt_yaml PUBLIC "${KT_YAML_SRC}/include")
target_compile_options(kt_yaml PRIVATE -w)

add_library(kt_deps INTERFACE)
target_include_directories(kt_deps INTERFACE "${KT_HEADER_LINKS}")
target_link_libraries(kt_deps INTERFACE kt_yaml)

add_library(kt_catch2 INTERFACE)
target_include_directories(kt_catch2 INTERFACE "${KT_HEADER_LINKS}")

# Test binaries run under node (ctest uses CMAKE_CROSSCOMPILING_EMULATOR).
set(KT_NODE_TEST_LINK -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sTOTAL_STACK=1048576)

# The browser app (Emscripten only; included by the top-level CMakeLists after ktcore).
#   imgui         Dear ImGui 1.86 + its GLFW and OpenGL3 backends, from the Debian source
#                 that scripts/install-deps.sh unpacked (never committed)
#   kubetab_web   wasm/*.cpp + wasm/ui/*.cpp -> kubetab_web.js + kubetab_web.wasm
#   kt_tests      the core Catch2 suite, linked to run under node for ctest

# ---- Dear ImGui --------------------------------------------------------------
set(KT_IMGUI_SRC "${KT_THIRD_PARTY_SRC}/imgui")
if(NOT EXISTS "${KT_IMGUI_SRC}/imgui.cpp")
  message(FATAL_ERROR "imgui sources missing in ${KT_IMGUI_SRC}: run scripts/install-deps.sh sources")
endif()
file(GLOB KT_IMGUI_SOURCES "${KT_IMGUI_SRC}/imgui*.cpp")
add_library(imgui STATIC ${KT_IMGUI_SOURCES}
  "${KT_IMGUI_SRC}/backends/imgui_impl_glfw.cpp"
  "${KT_IMGUI_SRC}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui PUBLIC "${KT_IMGUI_SRC}" "${KT_IMGUI_SRC}/backends")
# ImGui 1.86 picks ES2 shaders on Emscripten unless told otherwise (TOOLCHAIN.md pitfall 5).
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_compile_options(imgui PRIVATE -w)

# ---- the web app -------------------------------------------------------------
file(GLOB KT_WEB_SOURCES CONFIGURE_DEPENDS wasm/*.cpp wasm/ui/*.cpp)
add_executable(kubetab_web ${KT_WEB_SOURCES})
target_link_libraries(kubetab_web PRIVATE ktcore imgui)
target_compile_options(kubetab_web PRIVATE -Wall -Wextra -Wno-unused-parameter)
# Release: -O2 (after CMake's default -O3, so it wins) for what the page ships; at link
# it also sets how hard wasm-opt works. -O3 mostly grows the download here.
if(CMAKE_BUILD_TYPE STREQUAL "Release")
  target_compile_options(imgui PRIVATE -O2)
  target_compile_options(kubetab_web PRIVATE -O2)
  target_link_options(kubetab_web PRIVATE -O2)
endif()

# The whole JS <-> wasm boundary. Keep in step with wasm/platform_web.cpp (the
# EMSCRIPTEN_KEEPALIVE functions) and web/app.js (the only caller).
set(KT_WEB_EXPORTS _main _kt_terminal_input _kt_terminal_resize _kt_set_speed _kt_pause _kt_step)
list(JOIN KT_WEB_EXPORTS "," KT_WEB_EXPORTS_CSV)
target_link_options(kubetab_web PRIVATE
  -sUSE_GLFW=3
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sMODULARIZE=1 -sEXPORT_NAME=createKubetab
  -sENVIRONMENT=web
  "-sEXPORTED_FUNCTIONS=${KT_WEB_EXPORTS_CSV}"
  "-sEXPORTED_RUNTIME_METHODS=cwrap")
# -fwasm-exceptions and -sALLOW_MEMORY_GROWTH=1 come from cmake/wasm.cmake for every target.

# ---- core tests under node (ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR) ----
target_link_options(kt_tests PRIVATE ${KT_NODE_TEST_LINK})

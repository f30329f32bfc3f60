# Native dependencies: Debian's packages.
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)

add_library(kt_deps INTERFACE)
target_link_libraries(kt_deps INTERFACE nlohmann_json::nlohmann_json yaml-cpp)

add_library(kt_catch2 INTERFACE)   # catch2/catch.hpp is on the default include path

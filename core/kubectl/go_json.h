// How kubectl prints an object it holds as a Go struct (`create deployment ...
// --dry-run=client -o json` and the typed answers of the generators' writes):
// json.MarshalIndent with four spaces, the fields in the order k8s.io/api's types.go
// declares them (maps keep sorted keys), where `get -o json` of server objects sorts
// every key. The field tables (go_json.cpp) cover the kinds the create generators
// write; go_json_known says whether a kind has one.
#pragma once

#include <string>

#include "core/api/json.h"

namespace kt::kubectl {

// Whether `obj`'s kind has a field table.
bool go_json_known(const Json& obj);
// The object as Go's encoder prints its struct (ending in a newline). Members a table
// does not list follow the listed ones, sorted.
std::string go_json(const Json& obj);

}  // namespace kt::kubectl

#include "core/api/json.h"

namespace kt {

void freeze(Json& j) {
  if (auto* obj = j.get_ptr<Json::object_t*>()) {
    for (auto& [k, v] : *obj) freeze(v);
    obj->freeze();
  } else if (auto* arr = j.get_ptr<Json::array_t*>()) {
    for (auto& v : *arr) freeze(v);
  }
}

}  // namespace kt

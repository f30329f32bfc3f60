// Internal to core/api/schema*.cpp: the raw field tables that tools/gen_schema.py writes
// into core/api/schema_<group>.cpp, one TypeDef per API struct.
//
// A field's `spec` is a small type language:
//   string int32 int64 double bool quantity intstr time microtime bytes any
//   []<spec>  map:<spec>  @<TypeId>   (TypeId: the model's name, e.g. V1PodSpec)
// and `go_type` is how Go's reflect prints the field's type in decode errors
// ("[]v1.Container", "int32", "v1.RestartPolicy").
#pragma once

#include <vector>

namespace kt::api::schema_data {

struct FieldDef {
  const char* name;
  const char* spec;
  const char* go_type;
  const char* description;
  bool required;
};

struct TypeDef {
  const char* id;
  const char* go_name;  // "v1.PodSpec"
  const char* description;
  std::vector<FieldDef> fields;
};

struct KindDef {
  const char* group;
  const char* version;
  const char* kind;
  const char* type_id;
};

const std::vector<KindDef>& kinds();
void add_all(std::vector<TypeDef>& out);

void add_apps(std::vector<TypeDef>& out);
void add_autoscaling(std::vector<TypeDef>& out);
void add_batch(std::vector<TypeDef>& out);
void add_core(std::vector<TypeDef>& out);
void add_meta(std::vector<TypeDef>& out);
void add_networking(std::vector<TypeDef>& out);
void add_other(std::vector<TypeDef>& out);

}  // namespace kt::api::schema_data

// Server-side output forms beyond plain JSON, picked by the Accept header:
//   application/json;as=Table;v=v1;g=meta.k8s.io                  metav1.Table
//   application/json;as=PartialObjectMetadata(List);v=v1;g=meta.k8s.io
// kubectl sends a list of alternatives ("…as=Table;v=v1;g=meta.k8s.io,…;v=v1beta1;…,
// application/json"); the first one we can serve wins, as in kube's negotiation.
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/printers/table.h"

namespace kt::http {

enum class OutputForm { Object, Table, PartialObjectMetadata, PartialObjectMetadataList };

struct Negotiated {
  OutputForm form = OutputForm::Object;
  std::string table_version = "v1";  // "v1" or "v1beta1"
};

Negotiated negotiate(const std::string& accept_header);

// includeObject: None, Metadata (default) or Object.
enum class IncludeObject { None, Metadata, Object };
IncludeObject include_object(const std::string& param);

// metav1.PartialObjectMetadata of an object.
Json partial_metadata(const Json& obj, const std::string& meta_version = "v1");

// The metav1.Table JSON for a table. `list_meta` is the table's metadata
// (resourceVersion, continue, remainingItemCount).
Json table_json(const printers::Table& t, IncludeObject include, const Json& list_meta,
                const std::string& meta_version = "v1", bool with_columns = true);

}  // namespace kt::http

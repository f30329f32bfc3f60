// Server-side tables, as kube-apiserver's printers build them
// (pkg/printers/internalversion/printers.go): column definitions (name, type,
// format, priority: 1 = shown only with -o wide) and one row of cells per object.
// The terminal's kubectl and the HTTP façade (metav1.Table) both render these, so
// both show the same cells.
#pragma once

#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/api/resources.h"
#include "core/sim/time.h"

namespace kt::printers {

struct Column {
  std::string name;         // "Name", "Status", "Internal-IP"
  std::string type;         // "string", "integer", "date"
  std::string format;       // "name" for the Name column, else ""
  int priority = 0;
  std::string description;
};

struct Row {
  std::vector<Json> cells;
  api::ObjectPtr object;
  // metav1.TableRowCondition list, or null. Pods that Succeeded/Failed carry
  // {"type":"Completed","status":"True",...} as kube's printPod sets.
  Json conditions;
};

struct Table {
  std::vector<Column> columns;
  std::vector<Row> rows;
};

// Every row carries all cells, priority-1 ones included (kube-apiserver prints with
// Wide: true); a client hides priority-1 columns unless asked for wide output.
// Kinds without a printer get kube's default table: Name and "Created At".
Table make_table(const api::ResourceInfo& res, const std::vector<api::ObjectPtr>& objects, sim::Time now);
// The columns alone (a watch's first Table event, empty lists).
std::vector<Column> table_columns(const api::ResourceInfo& res);

// The AGE cell: HumanDuration since metadata.creationTimestamp ("<unknown>" if unset).
std::string age(const Json& obj, sim::Time now);

}  // namespace kt::printers

// `kubectl get -w | --watch-only | --output-watch-events`: the list as get prints it,
// then one entry per watch event (get.go's watch()). Tables print their header
// once, with the first row there is; kubectl flushes its tabwriter after every event,
// and the tabwriter remembers column widths, so a row is aligned with the earlier
// ones unless a cell is wider (then that column widens from there on); a deleted object's row shows its last
// state. -o yaml separates objects with "---"; --output-watch-events adds the EVENT
// column (ADDED, MODIFIED, DELETED) or wraps objects as {"type", "object"}.
//
// The watch is a job (core/terminal/job.h): it streams in the terminal until
// Ctrl-C; anywhere else (a script, `kubetab run`) it ends after 60 s of virtual time,
// since nobody can press Ctrl-C there.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/kubectl/output.h"
#include "core/terminal/shell.h"

namespace kt::kubectl {

// How long a watch runs outside an interactive terminal.
inline constexpr sim::Duration kBatchWatchLimit = sim::seconds(60);

struct WatchRequest {
  const api::ResourceInfo* res = nullptr;
  std::string ns;               // "": every namespace (-A) or a cluster-scoped type
  std::set<std::string> names;  // empty: every object of the type
  api::ListOptions selectors;   // -l, --field-selector
  OutputFormat fmt;
  bool watch_only = false;
  bool events = false;          // --output-watch-events
  // The table rows of objs as get prints them, the header row first when asked.
  std::function<std::vector<std::vector<std::string>>(const std::vector<api::ObjectPtr>& objs, bool header)> table;
};

// The current objects (unless watch_only) and a job that prints the changes.
CommandResult watch_objects(Sandbox& sb, WatchRequest req);

}  // namespace kt::kubectl

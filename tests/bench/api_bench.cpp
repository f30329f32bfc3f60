// make bench: API server throughput and memory.
//   150,000 pods created through the API (decode checks, defaults, validation,
//   storage, watch fan-out) while 20 shared informers (20 controllers' caches, each
//   with a handler) follow them.
// Reports creates per second (wall clock: benchmarks are platform code) and resident
// bytes per stored pod (RSS growth / pods): the store's object, its key, the watch
// history and all 20 caches' entries. The caches share the stored objects, and
// stored objects share their equal parts (json.h make_frozen): the 150,000 pods hold
// one spec between them, so the figure is mostly per-pod metadata and table entries.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/informer.h"

namespace {

long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

kt::Json pod_template(int i) {
  // The shape of a ReplicaSet's pod: what a 16-replica nginx Deployment creates.
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"generateName", "nginx-deployment-6b474476c4-"},
            {"labels", {{"app", "nginx"}, {"pod-template-hash", "6b474476c4"}}},
            {"ownerReferences",
             kt::Json::array({{{"apiVersion", "apps/v1"},
                               {"kind", "ReplicaSet"},
                               {"name", "nginx-deployment-6b474476c4"},
                               {"uid", "3c4a0e4e-6f3f-4d53-9b1e-1f0b5a6f0c2" + std::to_string(i % 10)},
                               {"controller", true},
                               {"blockOwnerDeletion", true}}})}}},
          {"spec",
           {{"containers",
             kt::Json::array({{{"name", "nginx"},
                               {"image", "nginx:1.14.2"},
                               {"ports", kt::Json::array({{{"containerPort", 80}}})}}})}}}};
}

}  // namespace

int main(int argc, char** argv) {
  // Arguments (for profiling): pods, informers.
  const int pods = argc > 1 ? std::atoi(argv[1]) : 150000;
  const int watchers = argc > 2 ? std::atoi(argv[2]) : 20;
  kt::sim::Simulator sim(kt::sim::Time{1736931600LL * 1000000});
  kt::api::ApiServer api(sim, kt::sim::Random(1));
  const auto& ns = api.resource("", "namespaces");
  const auto& pod_res = api.resource("", "pods");
  api.create(ns, "", {{"metadata", {{"name", "default"}}}});

  std::vector<std::unique_ptr<kt::client::SharedInformer>> informers;
  std::uint64_t handled = 0;
  for (int i = 0; i < watchers; ++i) {
    informers.push_back(std::make_unique<kt::client::SharedInformer>(api, pod_res));
    kt::client::ResourceEventHandler h;
    h.on_add = [&handled](const kt::api::ObjectPtr&) { ++handled; };
    informers.back()->add_handler(std::move(h));
    informers.back()->start();
  }
  // Informers ask for bookmarks, so the simulator never idles: run by time.
  auto settle = [&] { sim.run_for(kt::sim::millis(1)); };
  settle();

  const kt::Json tmpl = pod_template(0);
  const long rss_before = rss_bytes();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < pods; ++i) {
    api.create(pod_res, "default", tmpl);
    if (i % 1000 == 999) settle();  // informers catch up
  }
  settle();
  const auto t1 = std::chrono::steady_clock::now();
  const long rss_after = rss_bytes();

  const double secs = std::chrono::duration<double>(t1 - t0).count();
  std::size_t cached = 0;
  for (auto& inf : informers) cached += inf->size();
  std::printf("pods created:            %d\n", pods);
  std::printf("informers:               %d (cache entries in all: %zu, handler calls: %llu)\n", watchers, cached,
              static_cast<unsigned long long>(handled));
  std::printf("elapsed:                 %.2f s\n", secs);
  std::printf("creates per second:      %.0f\n", pods / secs);
  std::printf("resident bytes per pod:  %.0f\n", double(rss_after - rss_before) / pods);
  std::printf("one stored pod as JSON:  %zu bytes\n", api.list(pod_res, "default", {}).items.front()->dump().size());
  return cached == static_cast<std::size_t>(pods) * watchers ? 0 : 1;
}

// Configuration objects: ConfigMap, Secret, ServiceAccount.
#include <set>
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {

std::string describe_configmap(const DescribeContext& ctx, const Json& cm) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(cm) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(cm) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(cm));
  annotations_multiline(w, "Annotations", api::meta::annotations(cm));
  w.write(L0, "\nData\n====\n");
  const Json& data = api::field(cm, {"data"});
  for (const auto& k : sorted_keys(data)) {
    w.write(L0, k + ":\n----\n");
    w.write(L0, s(data, {k}) + "\n");
    w.write(L0, "\n");
  }
  w.write(L0, "\nBinaryData\n====\n");
  const Json& bin = api::field(cm, {"binaryData"});
  for (const auto& k : sorted_keys(bin)) {
    const std::string b64 = s(bin, {k});
    std::size_t pad = 0;
    for (auto it = b64.rbegin(); it != b64.rend() && *it == '='; ++it) ++pad;
    w.write(L0, k + ": " + std::to_string(b64.size() / 4 * 3 - pad) + " bytes\n");
  }
  w.write(L0, "\n");
  events_of(ctx, w, cm, "ConfigMap");
  return w.finish();
}

std::string describe_secret(const DescribeContext& ctx, const Json& secret) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(secret) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(secret) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(secret));
  annotations_multiline(w, "Annotations", api::meta::annotations(secret));
  const std::string type = s(secret, {"type"});
  w.write(L0, "\nType:\t" + type + "\n");
  w.write(L0, "\nData\n====\n");
  const Json& data = api::field(secret, {"data"});
  for (const auto& k : sorted_keys(data)) {
    const std::string b64 = s(data, {k});
    std::size_t pad = 0;
    for (auto it = b64.rbegin(); it != b64.rend() && *it == '='; ++it) ++pad;
    const std::size_t len = b64.size() / 4 * 3 - pad;
    if (k == "token" && type == "kubernetes.io/service-account-token") {
      static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::string out;
      int val = 0, bits = -8;
      for (char c : b64) {
        auto pos = chars.find(c);
        if (pos == std::string::npos) break;
        val = (val << 6) + static_cast<int>(pos);
        bits += 6;
        if (bits >= 0) {
          out += static_cast<char>((val >> bits) & 0xFF);
          bits -= 8;
        }
      }
      w.write(L0, k + ":\t" + out + "\n");
    } else {
      w.write(L0, k + ":\t" + std::to_string(len) + " bytes\n");
    }
  }
  (void)ctx;
  return w.finish();
}

std::string describe_service_account(const DescribeContext& ctx, const Json& sa) {
  PrefixWriter w;
  const std::string ns = api::meta::namespace_of(sa);
  std::vector<std::string> tokens;
  std::set<std::string> existing;
  bool listed = false;
  try {
    for (const auto& sec : ctx.api.list(resource_info(ctx, "", "v1", "secrets"), ns).items) {
      if (s(*sec, {"type"}) == "kubernetes.io/service-account-token" &&
          s(*sec, {"metadata", "annotations", "kubernetes.io/service-account.name"}) == api::meta::name(sa) &&
          s(*sec, {"metadata", "annotations", "kubernetes.io/service-account.uid"}) == api::meta::uid(sa))
        tokens.push_back(api::meta::name(*sec));
      existing.insert(api::meta::name(*sec));
    }
    listed = true;
  } catch (const api::ApiError&) {
  }
  w.write(L0, "Name:\t" + api::meta::name(sa) + "\n");
  w.write(L0, "Namespace:\t" + ns + "\n");
  labels_multiline(w, "Labels", api::meta::labels(sa));
  annotations_multiline(w, "Annotations", api::meta::annotations(sa));
  auto names_of = [&](const char* f) {
    std::vector<std::string> out;
    const Json& list = api::field(sa, {f});
    if (list.is_array())
      for (const auto& x : list) out.push_back(s(x, {"name"}));
    return out;
  };
  const std::pair<std::string, std::vector<std::string>> groups[] = {{"Image pull secrets:", names_of("imagePullSecrets")},
                                                                     {"Mountable secrets: ", names_of("secrets")},
                                                                     {"Tokens:            ", tokens}};
  for (const auto& g : groups) {
    if (g.second.empty()) {
      w.write(L0, g.first + "\t<none>\n");
      continue;
    }
    std::string prefix = g.first;
    for (const auto& n : g.second) {
      const bool missing = listed && &g != &groups[2] && !existing.count(n);
      w.write(L0, prefix + "\t" + n + (missing ? " (not found)" : "") + "\n");
      prefix = "                   ";
    }
  }
  events_of(ctx, w, sa, "ServiceAccount");
  return w.finish();
}

}  // namespace kt::printers::describe_detail

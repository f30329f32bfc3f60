// `kubectl create secret tls|docker-registry` as kubectl v1.32 generates them
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret_tls.go,
// create_secret_docker.go), and the --append-hash name suffix of configmaps and
// secrets (staging/src/k8s.io/kubectl/pkg/util/hash/hash.go).
//   tls:             --cert and --key, checked as crypto/tls.X509KeyPair checks them
//                    (tls_keypair.cpp); data tls.crt, tls.key; type kubernetes.io/tls
//   docker-registry: .dockerconfigjson {"auths":{SERVER:{username,password,email,auth}}}
//                    (auth = base64 "user:password"), or --from-file;
//                    type kubernetes.io/dockerconfigjson
#include <cctype>

#include "core/kubectl/create_generators.h"
#include "core/kubectl/tls_keypair.h"
#include "core/util/base64.h"
#include "core/util/sha256.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// encoding/json's string: HTML-safe escapes (<, >, & as \u003c ...), control bytes
// as \u00XX, invalid UTF-8 as \ufffd, U+2028/2029 escaped.
std::string go_json_string(const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') out += std::string("\\") + static_cast<char>(c);
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const int len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (!ok) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    const std::string ch = s.substr(i, len);
    if (ch == "\xe2\x80\xa8") out += "\\u2028";
    else if (ch == "\xe2\x80\xa9") out += "\\u2029";
    else out += ch;
    i += len;
  }
  return out + "\"";
}

std::string go_json_map(const Json& m) {  // keys sorted, as encoding/json writes maps
  std::string out = "{";
  bool first = true;
  for (auto it = m.begin(); it != m.end(); ++it) {
    out += (first ? "" : ",") + go_json_string(it.key()) + ":" + go_json_string(it.value().get<std::string>());
    first = false;
  }
  return out + "}";
}

// The name of a file that kubectl reads (os.ReadFile), or Go's error.
bool read_file(Invocation& inv, const std::string& path, std::string& data, std::string& error) {
  if (!inv.ctx.fs || !inv.ctx.fs->exists(path)) {
    error = "Cannot read file " + path + ", open " + path + ": no such file or directory";
    return false;
  }
  if (inv.ctx.fs->is_dir(path)) {
    error = "Cannot read file " + path + ", read " + path + ": is a directory";
    return false;
  }
  auto r = inv.ctx.fs->read(path);
  if (!r.data) {
    std::string e = r.error;
    if (!e.empty()) e[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(e[0])));
    error = "Cannot read file " + path + ", open " + path + ": " + e;
    return false;
  }
  data = *r.data;
  return true;
}

Json secret(const Invocation& inv, const std::string& name, const char* type, const Json& data) {
  Json obj = Json::object();
  obj["apiVersion"] = "v1";
  obj["kind"] = "Secret";
  obj["metadata"] = generator_meta(inv, name);
  if (!data.empty()) obj["data"] = data;
  obj["type"] = type;
  return obj;
}

CommandResult create_secret_tls(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const std::string cert_path = inv.args.str("cert"), key_path = inv.args.str("key");
  if (cert_path.empty() || key_path.empty()) return fail("error: key and cert must be specified\n");
  std::string cert, key, e;
  if (!read_file(inv, cert_path, cert, e) || !read_file(inv, key_path, key, e)) return fail("error: " + e + "\n");
  e = check_x509_key_pair(cert, key);
  if (!e.empty()) return fail("error: " + e + "\n");
  Json data = Json::object();
  data["tls.crt"] = util::base64_encode(cert);
  data["tls.key"] = util::base64_encode(key);
  if (inv.args.flag("append-hash")) name = hashed_name("Secret", name, "kubernetes.io/tls", data);
  return create_generated_prefixed(inv, "", "secrets", secret(inv, name, "kubernetes.io/tls", data),
                                   "error: failed to create secret ");
}

CommandResult create_secret_docker(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  const std::string user = a.str("docker-username"), password = a.str("docker-password"), email = a.str("docker-email"),
                    server = a.str("docker-server", "https://index.docker.io/v1/");
  const bool from_files = !a.list("from-file").empty();
  if (!from_files && (user.empty() || password.empty() || server.empty()))
    return fail(
        "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is "
        "required\n");
  Json data = Json::object();
  if (from_files) {
    const std::string e = generator_data(inv, data, true);
    if (!e.empty()) return fail(e);
  } else {
    // DockerConfigJSON{Auths: {server: DockerConfigEntry}}: fields in declaration
    // order, each omitted when empty.
    std::string entry;
    auto field = [&entry](const char* k, const std::string& v) {
      if (v.empty()) return;
      entry += std::string(entry.empty() ? "" : ",") + "\"" + k + "\":" + go_json_string(v);
    };
    field("username", user);
    field("password", password);
    field("email", email);
    field("auth", util::base64_encode(user + ":" + password));
    data[".dockerconfigjson"] =
        util::base64_encode("{\"auths\":{" + go_json_string(server) + ":{" + entry + "}}}");
  }
  if (a.flag("append-hash")) name = hashed_name("Secret", name, "kubernetes.io/dockerconfigjson", data);
  return create_generated_prefixed(inv, "", "secrets", secret(inv, name, "kubernetes.io/dockerconfigjson", data),
                                   "error: failed to create secret ");
}

}  // namespace

std::string hashed_name(const std::string& kind, const std::string& name, const std::string& type, const Json& data) {
  // hash.go: json.Marshal of {"data", "kind", "name"[, "type"]} (a map: keys sorted),
  // SHA-256 in hex, the first ten digits with 0,1,3,a,e mapped to g,h,k,m,t so the
  // suffix has no vowels and no digits that read as letters.
  std::string doc = "{\"data\":" + go_json_map(data) + ",\"kind\":" + go_json_string(kind) +
                    ",\"name\":" + go_json_string(name);
  if (kind == "Secret") doc += ",\"type\":" + go_json_string(type);
  doc += "}";
  std::string h = util::sha256_hex(doc).substr(0, 10);
  for (char& c : h) {
    switch (c) {
      case '0': c = 'g'; break;
      case '1': c = 'h'; break;
      case '3': c = 'k'; break;
      case 'a': c = 'm'; break;
      case 'e': c = 't'; break;
      default: break;
    }
  }
  return name + "-" + h;
}

std::vector<Command> secret_generators() {
  const std::vector<FlagSpec> tls = {{"cert", 0, K::String, ""},
                                     {"key", 0, K::String, ""},
                                     {"append-hash", 0, K::Bool, "false"}};
  const std::vector<FlagSpec> docker = {{"docker-username", 0, K::String, ""},
                                        {"docker-password", 0, K::String, ""},
                                        {"docker-email", 0, K::String, ""},
                                        {"docker-server", 0, K::String, "https://index.docker.io/v1/"},
                                        {"from-file", 0, K::StringList, "[]"},
                                        {"append-hash", 0, K::Bool, "false"}};
  return {{"tls", generator_flags(tls), create_secret_tls, {}},
          {"docker-registry", generator_flags(docker), create_secret_docker, {}}};
}

}  // namespace kt::kubectl

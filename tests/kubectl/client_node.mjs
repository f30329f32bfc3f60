// A second real client against `kubetab serve`: @kubernetes/client-node (1.4.0).
//   node tests/kubectl/client_node.mjs http://127.0.0.1:PORT
// Lists, creates, watches, patches and deletes, and prints one line per check
// ("ok - …" / "not ok - …") and a final "N passed, M failed".
import * as k8s from '@kubernetes/client-node';

const server = process.argv[2];
if (!server) {
  console.error('usage: node client_node.mjs SERVER_URL');
  process.exit(2);
}

const kc = new k8s.KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'kubetab', server, skipTLSVerify: true }],
  users: [{ name: 'learner' }],
  contexts: [{ name: 'kubetab', cluster: 'kubetab', user: 'learner', namespace: 'default' }],
  currentContext: 'kubetab',
});
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);

let passed = 0;
let failed = 0;
function check(name, cond, detail = '') {
  if (cond) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? ': ' + detail : ''}`);
  }
}

async function main() {
  const ns = 'client-node';
  const nsList = await core.listNamespace();
  check('list namespaces', nsList.items.some((n) => n.metadata.name === 'kube-system'));
  const nodes = await core.listNode();
  check('list nodes', nodes.items.length > 0 && nodes.items[0].status.nodeInfo.kubeletVersion.startsWith('v1.32'));

  await core.createNamespace({ body: { metadata: { name: ns } } });
  check('create namespace', (await core.readNamespace({ name: ns })).status.phase === 'Active');

  // Watch configmaps in the namespace while we change one.
  const events = [];
  const watch = new k8s.Watch(kc);
  let done;
  const closed = new Promise((resolve) => (done = resolve));
  const req = await watch.watch(
    `/api/v1/namespaces/${ns}/configmaps`,
    {},
    // The root CA publisher adds kube-root-ca.crt to every new namespace, as in kube.
    (type, obj) => obj.metadata.name === 'cfg' && events.push(`${type} ${obj.metadata.name} ${JSON.stringify(obj.data ?? {})}`),
    () => done(),
  );

  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cfg' }, data: { a: '1' } } });
  await core.patchNamespacedConfigMap(
    { namespace: ns, name: 'cfg', body: { data: { a: '2' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  await core.deleteNamespacedConfigMap({ namespace: ns, name: 'cfg' });

  for (let i = 0; i < 50 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
  req.abort();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
  check(
    'watch sees ADDED, MODIFIED, DELETED',
    JSON.stringify(events) === JSON.stringify(['ADDED cfg {"a":"1"}', 'MODIFIED cfg {"a":"2"}', 'DELETED cfg {"a":"2"}']),
    JSON.stringify(events),
  );

  const dep = await apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
    },
  });
  check('create deployment (defaults applied)', dep.spec.strategy?.type === 'RollingUpdate', JSON.stringify(dep.spec.strategy));
  const scaled = await apps.replaceNamespacedDeploymentScale({
    namespace: ns,
    name: 'web',
    body: { metadata: { name: 'web', namespace: ns }, spec: { replicas: 3 } },
  });
  check('scale subresource', scaled.spec.replicas === 3);

  try {
    await core.readNamespacedConfigMap({ namespace: ns, name: 'nope' });
    check('404 is an ApiException', false, 'no error');
  } catch (e) {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    check('404 is an ApiException with a Status', e.code === 404 && body?.reason === 'NotFound', `${e.code} ${e.body}`);
  }

  await apps.deleteNamespacedDeployment({ namespace: ns, name: 'web' });
  const left = await apps.listNamespacedDeployment({ namespace: ns });
  check('delete deployment', left.items.length === 0);
}

main()
  .catch((e) => {
    failed++;
    console.log(`not ok - unexpected error: ${e?.stack ?? e}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });

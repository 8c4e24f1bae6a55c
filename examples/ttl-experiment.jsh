// ttl-experiment.repl as a JShell script: TTL 1..3 to far over IPv4 and IPv6. Run it in the lab's client namespace:
//     scripts/netlab up
//     ip netns exec pingkit-client scripts/jshell examples/ttl-experiment.jsh
// It prints the table and exits 0; a snippet that does not compile or throws ends it with status 1 and its line.
var r = Echo.to(lab("far")).ttl(1, 3).targets(lab("far"), lab("far6")).sendAll();
print(r.table("ttl", "target", "status"))       // the table ends its own last line
// TTL 1 dies at the router: time exceeded, a result like any other. What a script cannot accept, it throws.
if (r.errors().size() != 2)
    throw new IllegalStateException("expected the router's time exceeded for TTL 1 in both families, got " + r.errors().size() + " errors")
println("TTL 1 is answered by the router " + r.errors().get(0).from().getHostAddress() + "; TTL 2 reaches far")

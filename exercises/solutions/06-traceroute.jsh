// Reference solution of exercise 6. Open after the exercise (/open exercises/solutions/06-traceroute.jsh), then check6().
List<String> traceroute(String target, int maxHops) throws IOException {
    var hops = new ArrayList<String>();
    for (int ttl = 1; ttl <= maxHops; ttl++) {
        var r = Echo.to(target).ttl(ttl).send(Duration.ofSeconds(1));
        if (r instanceof SendResult.Answered a) { hops.add(a.from().getHostAddress()); break; }
        if (r instanceof SendResult.Failed f) {
            hops.add(f.from().getHostAddress());
            if (f.error().type() != 11) break;      // not "time exceeded": unreachable, nothing further will come
        } else {
            hops.add("*");
        }
    }
    return hops;
}

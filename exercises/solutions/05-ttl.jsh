// Reference solution of exercise 5. Open after the exercise (/open exercises/solutions/05-ttl.jsh), then check5().
String firstHop(String target) throws IOException {
    var r = Echo.to(target).ttl(1).send(Duration.ofSeconds(2));
    if (r instanceof SendResult.Failed f && f.error().type() == 11) return f.from().getHostAddress();
    return null;
}

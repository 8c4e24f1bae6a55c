// One experiment as a single-file Java program: 20 probes as one batch to the lab's lossy host, which drops every
// 4th echo request. Run it inside the lab, with pingkit on the class path (Java's source launcher, JEP 330):
//
//   scripts/java --lab examples/LossyExperiment.java [target] [count]
//
// It prints the results, the lost sequence numbers and the statistics, and writes lossy.svg (RTT over time with the
// losses marked) and lossy.pcapng (each packet commented with how its probe ended) to the working directory.
import dev.pingkit.Echo;
import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import dev.pingkit.jshell.LabHosts;
import java.nio.file.Path;
import java.time.Duration;

public class LossyExperiment {
    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : LabHosts.lab("lossy");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Results r = Echo.to(target).payload("pingkit").seq(1, count)
                .gap(Duration.ofMillis(20)).timeout(Duration.ofMillis(500)).sendAll();
        System.out.println(r);
        System.out.println("lost seq: " + r.all().stream().filter(p -> p.status() == ProbeResult.Status.LOST)
                .map(p -> String.valueOf(p.request().seq())).toList());
        System.out.print(r.stats("target"));
        System.out.println("wrote " + r.svg(Path.of("lossy.svg")) + " and " + r.pcapng(Path.of("lossy.pcapng")));
    }
}

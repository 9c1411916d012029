///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.aicompass:aicompass-core:0.1.0-SNAPSHOT
//DEPS dev.aicompass:aicompass-catalog:0.1.0-SNAPSHOT

import dev.aicompass.AICompass;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.model.Precision;
import dev.aicompass.workload.Workload;

/** How much memory does Llama-3.1-70B take per H100 at TP4 with an FP8 KV cache, and does a batch of 64 fit? */
class memory {
  public static void main(String[] args) {
    MemoryBreakdown m = AICompass.model("llama-3.1-70b").on("h100-sxm")
        .tensorParallel(4)
        .kvCache(Precision.FP8)
        .maxModelLen(32768)
        .memory(Workload.of(2048, 512, 64));

    System.out.println("weights per GPU:  " + m.weights());
    System.out.println("KV-cache pool:    " + m.kvCachePool() + " = " + m.kvCacheTokens() + " tokens");
    System.out.println("total per GPU:    " + m.total());
    System.out.println("64 requests fit:  " + m.fits());
    System.out.println();
    System.out.println(m.derivation());                               // how every number was obtained
  }
}

package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ChildProcessInheritanceTest {

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "the child looks in /proc")
  void aDescriptorTheJvmOpenedReachesAChildUntilInheritanceIsDisabled() throws Exception {
    assertEquals("before=inherited after=closed", ChildJvm.run(InheritanceProbe.class));
  }
}

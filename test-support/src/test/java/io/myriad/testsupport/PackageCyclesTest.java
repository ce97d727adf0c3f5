package io.myriad.testsupport;

import io.myriad.testsupport.arch.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void noTwoPackagesDependOnEachOther() {
        PackageCycles.assertNoneUnder("io.myriad.testsupport");
    }
}

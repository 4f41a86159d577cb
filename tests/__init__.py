# This file is part of Station ERP. Cross-module scenarios and browser tests.

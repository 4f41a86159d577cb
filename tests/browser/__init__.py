# This file is part of Station ERP. Browser tests: sao in headless Chromium.

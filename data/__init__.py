# This file is part of Station ERP. Demo data, built through proteus.

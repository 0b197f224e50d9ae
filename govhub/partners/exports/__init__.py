"""What leaves GovHub about partners: the HSDS 3.0 catalogue (public) and each
organization's activity for the workers, with its CSV.
"""

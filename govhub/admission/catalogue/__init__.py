"""The work-item catalogue (社区工作事项清单): streets, versions, items; CSV in and out."""
